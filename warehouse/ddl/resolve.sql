-- resolve: what the text says, turned into what analysts count. Places are gazetteer places with
-- ISO codes, claimants canonical entities, and the claims of many articles merged into events.
create schema if not exists resolve;

-- Reference tables: rebuilt whole when the gazetteer or the entity file changes (their version
-- columns say which data they came from).
create table if not exists resolve.places (
    place_id          varchar not null,  -- gn:<geonameid> for settlements and districts, iso:<code> for regions and countries
    name              varchar not null,
    kind              varchar not null,  -- country, admin1, admin2, settlement
    country_code      varchar not null,
    admin1_code       varchar,           -- ISO 3166-2; occupied territory keeps its Ukrainian code
    admin2_name       varchar,
    latitude          double,
    longitude         double,
    population        bigint,
    source            varchar not null,
    gazetteer_version varchar not null
);

create table if not exists resolve.place_aliases (
    alias             varchar not null,  -- as the packages spell it (Latin or Cyrillic)
    alias_norm        varchar not null,  -- the matcher's normal form
    place_id          varchar not null,
    alias_kind        varchar not null,  -- name, alternate, exonym, suffixed
    gazetteer_version varchar not null
);

create table if not exists resolve.entities (
    entity_id        varchar not null,
    name             varchar not null,  -- canonical: "Russian Ministry of Defence", "Sergei Sobyanin"
    kind             varchar not null,  -- person, organisation
    role             varchar not null,
    country_code     varchar not null,  -- the side it serves
    admin1_code      varchar,           -- its jurisdiction when regional
    valid_from       date,
    valid_to         date,
    entities_version varchar not null
);

create table if not exists resolve.entity_aliases (
    entity_id        varchar not null,
    alias            varchar not null,
    alias_norm       varchar not null,
    alias_kind       varchar not null,  -- name, alias, derived, office, surname
    entities_version varchar not null
);

create table if not exists resolve.claims (
    claim_id             varchar   not null,
    article_id           varchar   not null,
    arrival_date         date      not null,
    sentence_index       bigint    not null,
    event_type           varchar   not null,
    weapon               varchar   not null,
    target               varchar,
    effects              varchar[] not null,
    attacker             varchar,
    place_text           varchar,              -- the phrase as written, and its offsets
    place_start          bigint,
    place_end            bigint,
    place_id             varchar,              -- resolve.places
    place_name           varchar,
    country_code         varchar,
    admin1_code          varchar,
    latitude             double,
    longitude            double,
    geo_precision        tinyint,              -- 1 settlement, 2 district or near, 3 region, 4 country
    place_method         varchar,              -- how the namesake was chosen
    event_date           date,
    window_start         timestamp,
    window_end           timestamp,
    time_precision       tinyint   not null,
    time_text            varchar,
    claimant_text        varchar,              -- as written
    claimant             varchar,              -- canonical name, else as written
    claimant_id          varchar,              -- resolve.entities, null when unresolved
    claimant_role        varchar,
    claimant_country     varchar,
    claimant_admin1      varchar,
    claimant_method      varchar,              -- exact, office, surname, fuzzy
    channel              varchar,
    certainty            varchar   not null,
    scope                varchar   not null,
    parent_claim_id      varchar,
    acled_sub_event_type varchar,
    evidence_start       bigint    not null,
    evidence_end         bigint    not null,
    extractor_version    varchar   not null,
    resolver_version     varchar   not null,
    rule_id              varchar              -- the extraction rule that made the claim
);

create table if not exists resolve.claim_quantities (
    claim_id       varchar not null,
    arrival_date   date    not null,
    kind           varchar not null,
    value          bigint  not null,
    bound          varchar not null,
    evidence_start bigint  not null,
    evidence_end   bigint  not null
);

create table if not exists resolve.events (
    event_id             varchar   not null,  -- hash of its claims' ids
    arrival_date         date      not null,
    event_type           varchar   not null,
    weapon               varchar   not null,
    target               varchar,
    effects              varchar[] not null,
    attacker             varchar,
    country_code         varchar,
    admin1_code          varchar,
    place_id             varchar,
    place_name           varchar,
    latitude             double,
    longitude            double,
    geo_precision        tinyint,
    event_date           date,
    window_start         timestamp,
    window_end           timestamp,
    time_precision       tinyint,
    scope                varchar   not null,
    parent_event_id      varchar,              -- for part events: their total's event
    certainty            varchar,
    acled_sub_event_type varchar,
    n_claims             bigint    not null,
    n_articles           bigint    not null,
    claimants            varchar[] not null,
    first_reported_at    timestamp
);

create table if not exists resolve.event_claims (
    event_id     varchar not null,
    claim_id     varchar not null,
    arrival_date date    not null
);

create table if not exists resolve.event_quantities (
    event_id     varchar not null,
    arrival_date date    not null,
    kind         varchar not null,
    value        bigint  not null,  -- this claimant's figure; never summed across claimants
    bound        varchar not null,
    claimant     varchar,           -- null: the articles state it without a source
    claim_id     varchar not null   -- the claim that states it
);

-- Quarantine: articles the stage raised on (skywatch/isolation.py). The day goes on without them;
-- a blocking check fails the day only when their share passes $SKYWATCH_MAX_FAILED_SHARE.
create table if not exists resolve.failed (
    article_id   varchar not null,
    arrival_date date    not null,
    stage        varchar not null,  -- resolve
    error_class  varchar not null,  -- the exception's class, e.g. ValueError
    message      varchar not null,  -- one line
    location     varchar,           -- file.py:line in function, where it was raised
    version      varchar not null   -- the stage's code version when it failed
);
