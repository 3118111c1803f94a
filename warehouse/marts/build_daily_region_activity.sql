-- marts.daily_region_activity for one arrival day ($day).
-- Regions add up parts and single events; totals (a ministry's count for the whole country) are
-- left out, so no drone is counted twice. Within an event each number is the largest one its
-- claimants of that side state (never a sum of claimants); across events numbers add up.
with events as (
    select event_id, event_type, weapon, country_code, admin1_code,
           coalesce(event_date, arrival_date) as date
    from resolve.events
    where arrival_date = $day and scope <> 'total'
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
        e.date,
        e.country_code,
        e.admin1_code,
        count(*) filter (where e.event_type = 'attack') as attacks,
        count(*) filter (where e.event_type = 'interception') as interceptions,
        count(*) filter (where e.event_type = 'interception'
                         and e.weapon in ('drone', 'naval_drone')) as interceptions_drone,
        count(*) filter (where e.event_type = 'interception'
                         and e.weapon in ('missile', 'ballistic_missile', 'cruise_missile', 'rocket'))
            as interceptions_missile,
        coalesce(sum(p.drones_ru), 0) as drones_destroyed_claimed_ru,
        coalesce(sum(p.drones_ua), 0) as drones_destroyed_claimed_ua,
        coalesce(sum(p.missiles_ru), 0) as missiles_destroyed_claimed_ru,
        coalesce(sum(p.missiles_ua), 0) as missiles_destroyed_claimed_ua,
        coalesce(sum(p.killed), 0) as killed,
        coalesce(sum(p.injured), 0) as injured,
        coalesce(sum(p.people_without_power), 0) as people_without_power,
        coalesce(sum(p.buildings_damaged), 0) as buildings_damaged,
        count(*) as events
    from events as e
    left join per_event as p on p.event_id = e.event_id
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
