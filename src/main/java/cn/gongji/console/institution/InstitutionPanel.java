package cn.gongji.console.institution;

import cn.gongji.registry.InstitutionService.Institution;
import java.util.Map;

/**
 * One panel of the institution page. A feature adds a panel by declaring a bean of this type and a
 * template fragment (supervision's indicators and clearing's statements are meant to land this way):
 * the page shows every panel, in {@link #order()}, with the model the panel returns.
 */
public interface InstitutionPanel {

    /** The Thymeleaf fragment, e.g. {@code "console/panels :: monthly"}. */
    String fragment();

    /** Message key of the panel's title. */
    String title();

    int order();

    /** The panel's data for one institution (available to its fragment as {@code panel}). */
    Map<String, Object> model(Institution institution);
}
