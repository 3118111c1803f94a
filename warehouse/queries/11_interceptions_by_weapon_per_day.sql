-- Interception events per day: drones against missiles.
select date, sum(interceptions_drone) as drone_interceptions,
       sum(interceptions_missile) as missile_interceptions
from marts.daily_region_activity
group by date
order by date;
