-- marts.daily_region_activity for one arrival day ($day).
-- Regions add up parts and single events; a total (a ministry's count for the whole country) is
-- not added beside its parts, so no drone is counted twice. What a total states beyond the sum of
-- its parts (the 7 of 38 drones downed over a sea, the 28 of "28 drones over the Odesa, Kherson and
-- Mykolaiv regions" with no regional figures) is its remainder: it is counted in the total's
-- country row (admin1_code NULL) as figures only, not as an event. Within an event each number is
-- the largest one its claimants of that side state (never a sum of claimants); across events
-- numbers add up. $drone_weapons and $missile_weapons are the weapon classes whose numbers count
-- as drones or missiles (skywatch/vocab/weapons.yaml, `counts_as`).
with all_events as (
    select event_id, event_type, weapon, country_code, admin1_code, scope, parent_event_id,
           coalesce(event_date, arrival_date) as date
    from resolve.events
    where arrival_date = $day
),

events as (
    select * from all_events where scope <> 'total'
),

figures as (
    select q.event_id, q.kind, coalesce(c.claimant_country, 'unattributed') as side, max(q.value) as value
    from resolve.event_quantities as q
    left join resolve.claims as c on c.claim_id = q.claim_id and c.arrival_date = q.arrival_date
    where q.arrival_date = $day
    group by all
),

per_event as (
    select
        event_id,
        coalesce(max(value) filter (where kind = 'drones_destroyed' and side = 'RU'), 0) as drones_ru,
        coalesce(max(value) filter (where kind = 'drones_destroyed' and side = 'UA'), 0) as drones_ua,
        coalesce(max(value) filter (where kind = 'missiles_destroyed' and side = 'RU'), 0) as missiles_ru,
        coalesce(max(value) filter (where kind = 'missiles_destroyed' and side = 'UA'), 0) as missiles_ua,
        coalesce(max(value) filter (where kind = 'killed'), 0) as killed,
        coalesce(max(value) filter (where kind = 'injured'), 0) as injured,
        coalesce(max(value) filter (where kind = 'people_without_power'), 0) as people_without_power,
        coalesce(max(value) filter (where kind = 'buildings_damaged'), 0) as buildings_damaged
    from figures
    group by event_id
),

parts_per_total as (
    select
        e.parent_event_id as event_id,
        sum(p.drones_ru) as drones_ru, sum(p.drones_ua) as drones_ua,
        sum(p.missiles_ru) as missiles_ru, sum(p.missiles_ua) as missiles_ua,
        sum(p.killed) as killed, sum(p.injured) as injured,
        sum(p.people_without_power) as people_without_power,
        sum(p.buildings_damaged) as buildings_damaged
    from events as e
    join per_event as p on p.event_id = e.event_id
    where e.scope = 'part' and e.parent_event_id is not null
    group by e.parent_event_id
),

remainders as (
    select
        t.date,
        t.country_code,
        cast(null as varchar) as admin1_code,
        greatest(f.drones_ru - coalesce(s.drones_ru, 0), 0) as drones_ru,
        greatest(f.drones_ua - coalesce(s.drones_ua, 0), 0) as drones_ua,
        greatest(f.missiles_ru - coalesce(s.missiles_ru, 0), 0) as missiles_ru,
        greatest(f.missiles_ua - coalesce(s.missiles_ua, 0), 0) as missiles_ua,
        greatest(f.killed - coalesce(s.killed, 0), 0) as killed,
        greatest(f.injured - coalesce(s.injured, 0), 0) as injured,
        greatest(f.people_without_power - coalesce(s.people_without_power, 0), 0) as people_without_power,
        greatest(f.buildings_damaged - coalesce(s.buildings_damaged, 0), 0) as buildings_damaged
    from all_events as t
    join per_event as f on f.event_id = t.event_id
    left join parts_per_total as s on s.event_id = t.event_id
    where t.scope = 'total'
),

counted as (
    select e.date, e.country_code, e.admin1_code, e.event_type, e.weapon, true as is_event,
           p.drones_ru, p.drones_ua, p.missiles_ru, p.missiles_ua, p.killed, p.injured,
           p.people_without_power, p.buildings_damaged
    from events as e
    left join per_event as p on p.event_id = e.event_id
    union all
    select date, country_code, admin1_code, null, null, false,
           drones_ru, drones_ua, missiles_ru, missiles_ua, killed, injured,
           people_without_power, buildings_damaged
    from remainders
    where drones_ru + drones_ua + missiles_ru + missiles_ua + killed + injured
          + people_without_power + buildings_damaged > 0
),

articles as (
    select ec.event_id, c.article_id
    from resolve.event_claims as ec
    join resolve.claims as c on c.claim_id = ec.claim_id and c.arrival_date = ec.arrival_date
    where ec.arrival_date = $day
),

region_articles as (
    select e.date, e.country_code, e.admin1_code, count(distinct a.article_id) as articles
    from events as e
    join articles as a on a.event_id = e.event_id
    group by all
),

regions as (
    select
        date,
        country_code,
        admin1_code,
        count(*) filter (where is_event and event_type = 'attack') as attacks,
        count(*) filter (where is_event and event_type = 'interception') as interceptions,
        count(*) filter (where is_event and event_type = 'interception'
                         and list_contains($drone_weapons, weapon)) as interceptions_drone,
        count(*) filter (where is_event and event_type = 'interception'
                         and list_contains($missile_weapons, weapon)) as interceptions_missile,
        coalesce(sum(drones_ru), 0) as drones_destroyed_claimed_ru,
        coalesce(sum(drones_ua), 0) as drones_destroyed_claimed_ua,
        coalesce(sum(missiles_ru), 0) as missiles_destroyed_claimed_ru,
        coalesce(sum(missiles_ua), 0) as missiles_destroyed_claimed_ua,
        coalesce(sum(killed), 0) as killed,
        coalesce(sum(injured), 0) as injured,
        coalesce(sum(people_without_power), 0) as people_without_power,
        coalesce(sum(buildings_damaged), 0) as buildings_damaged,
        count(*) filter (where is_event) as events
    from counted
    group by all
)

select
    cast($day as date) as arrival_date,
    r.* exclude (events),
    coalesce(ra.articles, 0) as articles,
    r.events
from regions as r
left join region_articles as ra
    on ra.date = r.date
    and ra.country_code is not distinct from r.country_code
    and ra.admin1_code is not distinct from r.admin1_code
order by r.date, r.country_code, r.admin1_code
