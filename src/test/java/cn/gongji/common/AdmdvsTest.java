package cn.gongji.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdmdvsTest {

    @Test
    void two_districts_of_one_city_are_the_same_city_and_two_cities_are_not() {
        assertThat(Admdvs.sameCity("411302", "411303")).isTrue();
        assertThat(Admdvs.sameCity("411300", "411302")).isTrue();
        assertThat(Admdvs.sameCity("410100", "411302")).isFalse();
        assertThat(Admdvs.sameCity("411302", "421302")).as("the province counts too").isFalse();
    }

    @Test
    void a_missing_or_short_code_is_never_the_same_city() {
        assertThat(Admdvs.sameCity(null, "411302")).isFalse();
        assertThat(Admdvs.sameCity("411302", null)).isFalse();
        assertThat(Admdvs.sameCity("411", "411302")).isFalse();
    }
}
