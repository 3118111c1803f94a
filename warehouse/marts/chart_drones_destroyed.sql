-- Drones claimed destroyed per event date and region, by each side's claimants, for the
-- charts of the Dagster UI and `skywatch report`. $since and $until bound the event date;
-- $arrival_date, when not NULL, keeps one partition's rows.
select a.date, a.country_code, a.admin1_code,
       (select p.name from resolve.places as p
        where p.kind = 'admin1' and p.admin1_code = a.admin1_code) as region,
       sum(a.drones_destroyed_claimed_ru)::bigint as claimed_ru,
       sum(a.drones_destroyed_claimed_ua)::bigint as claimed_ua,
       (sum(a.drones_destroyed_claimed_ru) + sum(a.drones_destroyed_claimed_ua))::bigint as claimed
from marts.daily_region_activity as a
where a.date between $since and $until
  and ($arrival_date::date is null or a.arrival_date = $arrival_date::date)
group by all
order by a.date, a.country_code, a.admin1_code;
