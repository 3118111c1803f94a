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
