-- Every strike on energy, oil, port or transport infrastructure, with its source sentences.
-- For one region add, e.g.: and h.admin1_code = 'RU-BEL'
select h.date, h.admin1_code, h.place_name, h.target, h.effects, h.claimants, h.evidence, h.article_id
from marts.infrastructure_hits as h
where h.target in ('energy', 'oil', 'port', 'transport')
order by h.date, h.admin1_code;
