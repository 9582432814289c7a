-- POLICY.md §2: the payment standard of a centrally procured drug is shared by all products under
-- the same generic name (通用名). catalog_item.generic_name names the group; CatalogStore keeps the
-- group's products on one pay_std (an upload that sets it for one product sets it for all).
alter table catalog_item add column generic_name text;
create index catalog_item_generic on catalog_item (generic_name) where generic_name is not null;
