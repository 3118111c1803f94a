-- marts.infrastructure_hits for one arrival day ($day): attacks on energy, oil, ports and
-- transport, with place, effects and the sentence(s) of the first report that states them.
-- $infrastructure_targets: the targets marked `infrastructure` in skywatch/vocab/targets.yaml.
with hits as (
    select *
    from resolve.events
    where arrival_date = $day and event_type = 'attack'
        and list_contains($infrastructure_targets, target)
),

first_claim as (
    select ec.event_id, c.article_id, c.evidence_start, c.evidence_end,
           row_number() over (partition by ec.event_id order by a.published_at nulls last, c.claim_id) as n
    from resolve.event_claims as ec
    join resolve.claims as c on c.claim_id = ec.claim_id and c.arrival_date = ec.arrival_date
    join clean.articles as a on a.article_id = c.article_id
    where ec.arrival_date = $day
)

select
    cast($day as date) as arrival_date,
    h.event_id,
    coalesce(h.event_date, h.arrival_date) as date,
    h.country_code,
    h.admin1_code,
    h.place_name,
    h.latitude,
    h.longitude,
    h.target,
    h.weapon,
    h.effects,
    h.claimants,
    h.n_articles,
    f.article_id,
    f.evidence_start,
    f.evidence_end,
    substring(a.text, f.evidence_start + 1, f.evidence_end - f.evidence_start) as evidence
from hits as h
join first_claim as f on f.event_id = h.event_id and f.n = 1
join clean.articles as a on a.article_id = f.article_id
order by date, h.country_code, h.admin1_code, h.event_id
