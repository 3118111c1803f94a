-- Days where the Ministry of Defence's total differs from the sum of its regional figures.
select date,
       sum(claimed) filter (where scope = 'total') as ministry_total,
       sum(claimed) filter (where scope = 'part_or_single') as sum_of_regions
from marts.claimant_tallies
where claimant = 'Russian Ministry of Defence' and kind = 'drones_destroyed'
group by date
order by date;
