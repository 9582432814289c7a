package cn.gongji.catalog;

import java.util.List;

/** Published when catalog items were inserted or changed (caches of them are evicted after commit). */
public record CatalogChanged(List<String> codes) {}
