package cn.gongji.common;

/**
 * Administrative division codes (admdvs, 6 digits: province 2, city 2, district 2). The pooling
 * region (统筹区) of the scheme is the city: care in another district of the insured city is not
 * off-site (异地), and an off-site registration names a city, whichever of its districts the care is in.
 */
public final class Admdvs {

    private Admdvs() {}

    /** Both codes name places in one city (the first four digits agree); false when either is missing or short. */
    public static boolean sameCity(String a, String b) {
        return a != null && b != null && a.length() >= 4 && b.length() >= 4 && a.regionMatches(0, b, 0, 4);
    }
}
