-- Every drones-destroyed figure traced to its claimant and the sentence that states it.
select c.claim_id, c.claimant, c.admin1_code, q.value,
       substring(a.text, c.evidence_start + 1, c.evidence_end - c.evidence_start) as sentence
from resolve.claim_quantities as q
join resolve.claims as c using (claim_id)
join clean.articles as a using (article_id)
where q.kind = 'drones_destroyed'
order by q.value desc;
