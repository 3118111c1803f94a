-- Drones claimed destroyed per region over the last 7 days of data (by each side's claimants).
select admin1_code, sum(drones_destroyed_claimed_ru) as by_russian_claimants,
       sum(drones_destroyed_claimed_ua) as by_ukrainian_claimants
from marts.daily_region_activity
where date > (select max(date) from marts.daily_region_activity) - interval 7 day
  and admin1_code is not null
group by admin1_code
order by by_russian_claimants desc, admin1_code;
