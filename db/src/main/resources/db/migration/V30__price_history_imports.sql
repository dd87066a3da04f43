-- Which items' past prices were imported from /timeseries, per timestep: the price-history
-- projection writes a row here in the same transaction as the imported points. The query side
-- asks the command side for a backfill only when no row exists, so an item that already has
-- live 5m/1h points still gets its history imported once.
CREATE TABLE read.item_price_history_import (
    item_id     INTEGER     NOT NULL,
    timestep    VARCHAR(8)  NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL,
    points      INTEGER     NOT NULL,
    PRIMARY KEY (item_id, timestep)
);

GRANT SELECT ON read.item_price_history_import TO ge_analyst;
