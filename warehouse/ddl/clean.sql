-- clean: normalised text, sentence offsets, duplicates marked, non-English set aside.
create schema if not exists clean;

create table if not exists clean.articles (
    article_id          varchar not null,
    arrival_date        date    not null,
    title               varchar,
    text                varchar not null,  -- every offset in the warehouse points into this text
    published_at        timestamp,
    source              varchar,
    url                 varchar,
    n_chars             bigint  not null,
    n_sentences         bigint  not null,
    n_boilerplate_lines bigint  not null,
    boilerplate_chars   bigint  not null,
    language            varchar,
    language_confidence double,
    content_hash        varchar not null,
    duplicate_of        varchar,           -- article_id of the first article of the same story
    duplicate_kind      varchar,           -- exact, near
    duplicate_overlap   double,            -- share of sentences in common (1.0 for exact copies)
    cleaner_version     varchar not null
);

create table if not exists clean.sentences (
    article_id     varchar not null,
    arrival_date   date    not null,
    sentence_index bigint  not null,
    "start"        bigint  not null,  -- clean.articles.text[start:end] == text
    "end"          bigint  not null,
    text           varchar not null
);

create table if not exists clean.boilerplate (
    article_id   varchar not null,
    arrival_date date    not null,
    line_no      bigint  not null,  -- line of the normalised text before removal, 0-based
    kind         varchar not null,  -- caps_headline, read_more, share, subscribe, app_promo, follow, advert
    text         varchar not null
);

create table if not exists clean.set_aside (
    article_id          varchar not null,
    arrival_date        date    not null,
    reason              varchar not null,  -- non_english, empty_after_cleaning
    detail              varchar,
    language            varchar,
    language_confidence double
);

-- Quarantine: articles the stage raised on (skywatch/isolation.py). The day goes on without them;
-- a blocking check fails the day only when their share passes $SKYWATCH_MAX_FAILED_SHARE.
create table if not exists clean.failed (
    article_id   varchar not null,
    arrival_date date    not null,
    stage        varchar not null,  -- clean
    error_class  varchar not null,  -- the exception's class, e.g. ValueError
    message      varchar not null,  -- one line
    location     varchar,           -- file.py:line in function, where it was raised
    version      varchar not null   -- the stage's code version when it failed
);
