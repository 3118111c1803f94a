-- marts: daily tables analysts open every morning, built from resolve.events.
create schema if not exists marts;

create table if not exists marts.daily_region_activity (
    arrival_date                   date    not null,
    date                           date    not null,  -- event date, else the arrival day
    country_code                   varchar,
    admin1_code                    varchar,
    attacks                        bigint  not null,
    interceptions                  bigint  not null,
    interceptions_drone            bigint  not null,
    interceptions_missile          bigint  not null,
    drones_destroyed_claimed_ru    bigint  not null,  -- by Russian claimants
    drones_destroyed_claimed_ua    bigint  not null,  -- by Ukrainian claimants
    missiles_destroyed_claimed_ru  bigint  not null,
    missiles_destroyed_claimed_ua  bigint  not null,
    killed                         bigint  not null,
    injured                        bigint  not null,
    people_without_power           bigint  not null,
    buildings_damaged              bigint  not null,
    articles                       bigint  not null,
    events                         bigint  not null
);

create table if not exists marts.claimant_tallies (
    arrival_date     date    not null,
    date             date    not null,
    claimant         varchar,           -- canonical name, else as written; NULL: unattributed
    claimant_id      varchar,
    claimant_country varchar,
    kind             varchar not null,
    scope            varchar not null,  -- total or part/single: never add the two
    claimed          bigint  not null,  -- sum of this claimant's figures over the day's events
    events           bigint  not null
);

create table if not exists marts.infrastructure_hits (
    arrival_date    date      not null,
    event_id        varchar   not null,
    date            date      not null,
    country_code    varchar,
    admin1_code     varchar,
    place_name      varchar,
    latitude        double,
    longitude       double,
    target          varchar   not null,  -- energy, oil, port, transport
    weapon          varchar   not null,
    effects         varchar[] not null,
    claimants       varchar[] not null,
    n_articles      bigint    not null,
    article_id      varchar   not null,  -- the first report's article
    evidence_start  bigint    not null,  -- and its sentence(s) in clean.articles.text
    evidence_end    bigint    not null,
    evidence        varchar   not null
);
