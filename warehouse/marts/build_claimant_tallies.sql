-- marts.claimant_tallies for one arrival day ($day): what each claimant claimed, per kind, with
-- totals and regional figures apart, so a ministry's daily total can be set against the sum of
-- the regional figures (its own parts, or the governors').
select
    cast($day as date) as arrival_date,
    coalesce(e.event_date, e.arrival_date) as date,
    q.claimant,
    c.claimant_id,
    c.claimant_country,
    q.kind,
    case when e.scope = 'total' then 'total' else 'part_or_single' end as scope,
    cast(sum(q.value) as bigint) as claimed,
    count(distinct q.event_id) as events
from resolve.event_quantities as q
join resolve.events as e on e.event_id = q.event_id and e.arrival_date = q.arrival_date
left join resolve.claims as c on c.claim_id = q.claim_id and c.arrival_date = q.arrival_date
where q.arrival_date = $day
group by all
order by date, claimant, kind, scope
