-- extract: what the text says, before resolution. Offsets index clean.articles.text.
create schema if not exists extract;

create table if not exists extract.mentions (
    article_id   varchar not null,
    arrival_date date    not null,
    "start"      bigint  not null,
    "end"        bigint  not null,
    label        varchar not null,  -- place, person, organisation, weapon, time, number
    text         varchar not null,  -- clean.articles.text[start:end]
    value        varchar            -- place id, canonical name, weapon, time kind or number value
);

create table if not exists extract.claims (
    claim_id             varchar   not null,
    article_id           varchar   not null,
    arrival_date         date      not null,
    sentence_index       bigint    not null,
    event_type           varchar   not null,  -- attack, interception, alert
    weapon               varchar   not null,
    target               varchar,              -- attacks only
    effects              varchar[] not null,
    attacker             varchar,              -- RU, UA or null
    place_text           varchar,              -- the place phrase as written
    place_start          bigint,
    place_end            bigint,
    place_kind           varchar,              -- settlement, admin2, admin1, country (matcher's reading)
    place_candidate_id   varchar,              -- gazetteer id the matcher proposes; resolve decides
    country_code         varchar,              -- provisional, from the matched place
    admin1_code          varchar,              -- provisional, from the matched place
    event_date           date,
    window_start         timestamp,
    window_end           timestamp,
    time_precision       tinyint   not null,
    time_text            varchar,
    claimant_text        varchar,
    claimant             varchar,
    channel              varchar,
    certainty            varchar   not null,
    scope                varchar   not null,  -- single, total, part
    parent_claim_id      varchar,
    acled_sub_event_type varchar,
    evidence_start       bigint    not null,
    evidence_end         bigint    not null,
    extractor_version    varchar   not null,
    rule_id              varchar              -- the extraction rule that made the claim (README: rule ids)
);

create table if not exists extract.claim_quantities (
    claim_id       varchar not null,
    arrival_date   date    not null,
    kind           varchar not null,
    value          bigint  not null,
    bound          varchar not null,  -- exact, at_least, approximate, at_most
    evidence_start bigint  not null,
    evidence_end   bigint  not null
);

-- Every place phrase of the whole text of each article that has claims, as the extractor read it:
-- what resolution chooses among (resolve reads this table; it never re-reads places itself).
create table if not exists extract.place_candidates (
    article_id        varchar   not null,
    arrival_date      date      not null,
    candidate_index   integer   not null,  -- order within the article's places (by offset)
    role              varchar   not null,  -- place (where things happen) or office (a place naming an office or a government: "Kyiv denied", "the Kursk governor")
    start             bigint    not null,  -- offsets into clean.articles.text
    "end"             bigint    not null,
    text              varchar   not null,
    place_id          varchar   not null,  -- the matcher's best-ranked reading
    name              varchar   not null,
    kind              varchar   not null,  -- settlement, admin2, admin1, country
    country_code      varchar   not null,
    admin1_code       varchar,
    latitude          double,
    longitude         double,
    candidates        varchar[] not null,  -- every place of that name, ranked by the matcher
    extractor_version varchar   not null
);

create table if not exists extract.batch_stats (
    arrival_date       date    not null,
    n_articles         bigint  not null,
    n_skipped_exact_duplicates bigint not null,
    n_sentences        bigint  not null,
    n_relevant         bigint  not null,  -- sentences that passed the cheap filter
    skipped_share      double  not null,  -- share of sentences the expensive steps never saw
    seconds            double  not null,
    extractor_version  varchar not null
);

-- Quarantine: articles the stage raised on (skywatch/isolation.py). The day goes on without them;
-- a blocking check fails the day only when their share passes $SKYWATCH_MAX_FAILED_SHARE.
create table if not exists extract.failed (
    article_id   varchar not null,
    arrival_date date    not null,
    stage        varchar not null,  -- extract
    error_class  varchar not null,  -- the exception's class, e.g. ValueError
    message      varchar not null,  -- one line
    location     varchar,           -- file.py:line in function, where it was raised
    version      varchar not null   -- the stage's code version when it failed
);
