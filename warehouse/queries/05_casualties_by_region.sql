-- Killed and injured per region and day, largest figure per event.
select date, country_code, admin1_code, sum(killed) as killed, sum(injured) as injured
from marts.daily_region_activity
group by all
having sum(killed) + sum(injured) > 0
order by date, killed desc;
