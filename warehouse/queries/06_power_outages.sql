-- People left without power by strikes, per region and day.
select date, admin1_code, people_without_power
from marts.daily_region_activity
where people_without_power > 0
order by people_without_power desc;
