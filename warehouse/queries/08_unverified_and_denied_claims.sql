-- Claims the articles say are unverified or that a party denies.
select certainty, event_type, admin1_code, claimant, place_text, article_id
from resolve.claims
where certainty in ('unverified', 'denied')
order by certainty, article_id;
