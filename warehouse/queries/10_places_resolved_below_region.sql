-- Claims placed at a settlement or district, with coordinates (for a map).
select place_name, admin1_code, geo_precision, latitude, longitude, count(*) as claims
from resolve.claims
where geo_precision in (1, 2) and latitude is not null
group by all
order by claims desc, place_name;
