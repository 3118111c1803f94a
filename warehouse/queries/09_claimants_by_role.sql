-- Who reports: claims per resolved claimant, with role and jurisdiction.
select c.claimant, en.role, en.country_code, en.admin1_code, count(*) as claims
from resolve.claims as c
join resolve.entities as en on en.entity_id = c.claimant_id
group by all
order by claims desc, c.claimant;
