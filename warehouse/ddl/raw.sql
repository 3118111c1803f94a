-- raw: what arrived, as it arrived. One row per accepted article, one per rejected input,
-- and the list of input units (files, or lines of .jsonl files) that must be accounted for.
create schema if not exists raw;

create table if not exists raw.articles (
    article_id       varchar   not null,  -- given id (jsonl `id`, file name of .txt/.md/.html), else a hash of the normalised text; `<id>~<8 hex>` when another text of the day came first with that id
    arrival_date     date      not null,  -- landing day = Dagster partition
    source_file      varchar   not null,  -- path relative to the landing day folder (bytes that are not UTF-8 as \xNN)
    line_no          bigint,              -- line of a .jsonl file, 1-based; null for whole files
    format           varchar   not null,  -- txt, md, jsonl, html (suffix in any case; .htm is html)
    title            varchar,
    text             varchar   not null,  -- body as read (HTML: main text only)
    published_at     timestamp,           -- UTC
    published_at_raw varchar,             -- as given, kept when it could not be parsed
    url              varchar,
    source           varchar,
    n_bytes          bigint    not null,
    ingested_at      timestamp not null,
    given_id         varchar              -- the id as given (null: none, article_id is the text hash)
);

create table if not exists raw.rejected (
    arrival_date date      not null,
    source_file  varchar   not null,
    line_no      bigint,
    reason       varchar   not null,  -- one of skywatch.ingest.REJECT_REASONS (see warehouse/README.md)
    detail       varchar,
    n_bytes      bigint,
    ingested_at  timestamp not null
);

create table if not exists raw.inputs (
    arrival_date date    not null,
    source_file  varchar not null,
    line_no      bigint
);
