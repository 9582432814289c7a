package cn.gongji.demo;

import cn.gongji.catalog.CatalogItem;
import cn.gongji.common.Money;
import cn.gongji.registry.NewInstitution;
import cn.gongji.registry.PersonStore.Registered;
import java.util.List;

/** Everything the demo loads, generated from a seed. Institutions without a secret get a random one on load. */
public record DemoSet(
        List<NewInstitution> institutions,
        List<Registered> persons,
        List<Money> openingBalances,
        List<Binding> bindings,
        List<CatalogItem> catalog) {

    public record Binding(String holder, String member, String relation) {}
}
