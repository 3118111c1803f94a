-- Macros that make the common questions one line. `skywatch query` loads them into every
-- (read-only) session as TEMP macros, so the warehouse file itself is never changed; in the
-- DuckDB CLI run `.read warehouse/macros.sql` first. Dates are DATE values or 'YYYY-MM-DD'.
--
--   skywatch query "from drones_destroyed(since := '2026-11-18')"
--   skywatch query "from energy_strikes(region := 'Belgorod')"
--   skywatch query "from ministry_vs_regions()"
--   skywatch query "from evidence(claim := 'c-...')"

-- The English name of an ISO 3166-2 region code ('RU-BEL' → 'Belgorod Oblast'); NULL stays NULL.
create or replace temp macro region_name(code) as
    (select p.name from resolve.places as p where p.kind = 'admin1' and p.admin1_code = code);

-- Per region and event date: every count of marts.daily_region_activity, with the region's name.
create or replace temp macro activity(since := date '1900-01-01', until := date '9999-12-31') as table
    select a.date, a.country_code, a.admin1_code, region_name(a.admin1_code) as region, a.* exclude
           (date, country_code, admin1_code, arrival_date)
    from marts.daily_region_activity as a
    where a.date between cast(since as date) and cast(until as date)
    order by a.date, a.country_code, a.admin1_code;

-- Drones claimed destroyed per region over a period, by Russian and by Ukrainian claimants.
create or replace temp macro drones_destroyed(since := date '1900-01-01', until := date '9999-12-31') as table
    select a.country_code, a.admin1_code, region_name(a.admin1_code) as region,
           sum(a.drones_destroyed_claimed_ru) as by_russian_claimants,
           sum(a.drones_destroyed_claimed_ua) as by_ukrainian_claimants,
           sum(a.events) as events
    from marts.daily_region_activity as a
    where a.date between cast(since as date) and cast(until as date)
    group by all
    having sum(a.drones_destroyed_claimed_ru) + sum(a.drones_destroyed_claimed_ua) > 0
    order by by_russian_claimants + by_ukrainian_claimants desc, a.admin1_code;

-- Strikes on energy, oil, ports or transport, with the first report's sentence; `region` is a
-- case-insensitive part of the region's name or its ISO code ('Belgorod', 'RU-BEL'), `target` one
-- of energy, oil, port, transport.
create or replace temp macro energy_strikes(region := '', target := '', since := date '1900-01-01') as table
    select h.date, h.admin1_code, region_name(h.admin1_code) as region_name, h.place_name, h.target,
           h.weapon, h.effects, h.claimants, h.n_articles, h.evidence, h.article_id, h.event_id
    from marts.infrastructure_hits as h
    where h.date >= cast(since as date)
      and (region = '' or h.admin1_code = upper(region)
           or coalesce(region_name(h.admin1_code), '') ilike '%' || region || '%')
      and (target = '' or h.target = target)
    order by h.date, h.admin1_code, h.event_id;

-- Days where a claimant's total (by default the Russian MoD's drones destroyed) differs from the
-- sum of the same claimant's regional figures; `difference` > 0 means regions were not all told.
create or replace temp macro ministry_vs_regions(who := 'Russian Ministry of Defence',
                                                 what := 'drones_destroyed') as table
    select t.date,
           sum(t.claimed) filter (where t.scope = 'total') as total_claimed,
           sum(t.claimed) filter (where t.scope = 'part_or_single') as sum_of_regions,
           coalesce(total_claimed, 0) - coalesce(sum_of_regions, 0) as difference
    from marts.claimant_tallies as t
    where t.claimant = who and t.kind = what
    group by t.date
    order by t.date;

-- Every figure of a claim, event or article with its claimant and the sentence that states it.
create or replace temp macro evidence(claim := '', event := '', article := '') as table
    select c.claim_id, ec.event_id, c.article_id, c.claimant, c.admin1_code, q.kind, q.value,
           substring(a.text, c.evidence_start + 1, c.evidence_end - c.evidence_start) as sentence
    from resolve.claims as c
    join clean.articles as a using (article_id)
    left join resolve.claim_quantities as q using (claim_id)
    left join resolve.event_claims as ec using (claim_id)
    where (claim = '' or c.claim_id = claim)
      and (event = '' or ec.event_id = event)
      and (article = '' or c.article_id = article)
    order by c.article_id, c.evidence_start, q.kind;

-- Events told by at least `min_articles` articles, with who said what.
create or replace temp macro corroborated(min_articles := 2) as table
    select e.event_id, e.event_date, e.event_type, e.weapon, e.admin1_code, e.place_name,
           e.n_articles, e.claimants
    from resolve.events as e
    where e.n_articles >= min_articles
    order by e.n_articles desc, e.event_id;
