-- Events told by more than one article, with who said what.
select e.event_id, e.event_type, e.admin1_code, e.n_articles, e.claimants,
       list(q.kind || ' ' || q.value || ' (' || coalesce(q.claimant, 'unattributed') || ')') as figures
from resolve.events as e
left join resolve.event_quantities as q using (event_id)
where e.n_articles > 1
group by all
order by e.n_articles desc, e.event_id;
