package cn.gongji.settlement;

import cn.gongji.policy.Level;

/** A designated institution as settlement sees it. {@code internetOf}: the physical institution of an internet hospital. */
public record Institution(
        String code, String name, String kind, Level level, String admdvs, String internetOf, String secret, boolean active) {

    public boolean hospital() {
        return "hospital".equals(kind);
    }

    /** The institution whose level and 24 h episode apply (POLICY.md §4: 互联网+ priced as the physical one). */
    public String episodeInstitution() {
        return internetOf != null ? internetOf : code;
    }
}
