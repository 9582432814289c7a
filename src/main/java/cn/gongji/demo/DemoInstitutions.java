package cn.gongji.demo;

import cn.gongji.registry.NewInstitution;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** About 50 synthetic designated institutions of Nanyang. Names are plausible; codes and secrets are invented. */
final class DemoInstitutions {

    private DemoInstitutions() {}

    static final String HOSPITAL = "H41130200001";
    static final String PHARMACY = "P41130200001";

    private static final String[][] L3 = {
            {"南阳市第一人民医院", "411302"}, {"南阳市中心医院", "411302"}, {"南阳医学高等专科学校第一附属医院", "411303"},
            {"南阳市中医院", "411302"}, {"南阳市第二人民医院", "411303"}};
    private static final String[][] L2 = {
            {"宛城区人民医院", "411302"}, {"卧龙区人民医院", "411303"}, {"南召县人民医院", "411321"},
            {"方城县人民医院", "411322"}, {"西峡县人民医院", "411323"}, {"镇平县人民医院", "411324"},
            {"内乡县人民医院", "411325"}, {"淅川县人民医院", "411326"}, {"唐河县人民医院", "411328"},
            {"邓州市人民医院", "411381"}};
    private static final String[][] L1 = {
            {"宛城区仲景街道社区卫生服务中心", "411302"}, {"宛城区东关街道社区卫生服务中心", "411302"},
            {"宛城区新华街道社区卫生服务中心", "411302"}, {"卧龙区卧龙岗街道社区卫生服务中心", "411303"},
            {"卧龙区七一街道社区卫生服务中心", "411303"}, {"卧龙区光武街道社区卫生服务中心", "411303"},
            {"卧龙区蒲山镇卫生院", "411303"}, {"卧龙区石桥镇卫生院", "411303"}, {"宛城区瓦店镇卫生院", "411302"},
            {"宛城区红泥湾镇卫生院", "411302"}, {"南召县云阳镇卫生院", "411321"}, {"方城县博望镇卫生院", "411322"},
            {"镇平县石佛寺镇卫生院", "411324"}, {"卧龙区王村乡张庄村卫生室", "411303"}, {"宛城区汉冶路诊所", "411302"}};
    private static final String[][] PHARMACIES = {
            {"张仲景大药房（仲景路店）", "411302"}, {"张仲景大药房（工业路店）", "411303"}, {"张仲景大药房（新华路店）", "411302"},
            {"国药控股南阳大药房（中州路店）", "411302"}, {"老百姓大药房（南阳人民路店）", "411302"},
            {"大参林药店（南阳光武路店）", "411303"}, {"益丰大药房（南阳建设路店）", "411303"},
            {"南阳市宛城区百姓康药店", "411302"}, {"卧龙区卧龙岗大药房", "411303"}, {"南召县济民药店", "411321"},
            {"方城县同仁堂药店", "411322"}, {"西峡县仲景药房", "411323"}, {"镇平县康泰大药房", "411324"},
            {"内乡县百草堂药店", "411325"}, {"淅川县丹江药房", "411326"}, {"唐河县健民大药房", "411328"},
            {"新野县惠民药店", "411329"}, {"邓州市德仁堂药店", "411381"}};

    static List<NewInstitution> generate(SplittableRandom rnd) {
        List<NewInstitution> out = new ArrayList<>();
        int[] seq = new int[1];
        addHospitals(out, L3, "L3", seq);
        addHospitals(out, L2, "L2", seq);
        addHospitals(out, L1, "L1", seq);
        out.add(new NewInstitution("H41130290001", "南阳市第一人民医院互联网医院", "hospital", "L3", "411302", false, false,
                HOSPITAL, null));
        out.add(new NewInstitution("H41130290002", "南阳市中心医院互联网医院", "hospital", "L3", "411302", false, false,
                "H41130200002", null));
        for (int i = 0; i < PHARMACIES.length; i++) {
            boolean handle = i == 0;
            boolean dual = handle || rnd.nextInt(100) < 25;
            boolean extRx = handle || rnd.nextInt(100) < 60;
            out.add(new NewInstitution(handle ? PHARMACY : "P%s%05d".formatted(PHARMACIES[i][1], i + 1),
                    PHARMACIES[i][0], "pharmacy", null, PHARMACIES[i][1], dual, extRx, null,
                    handle ? "demo-secret-" + PHARMACY : null));
        }
        return out;
    }

    private static void addHospitals(List<NewInstitution> out, String[][] rows, String level, int[] seq) {
        for (String[] r : rows) {
            String code = "H%s%05d".formatted(r[1], ++seq[0]);
            out.add(new NewInstitution(code, r[0], "hospital", level, r[1], false, false, null,
                    code.equals(HOSPITAL) ? "demo-secret-" + HOSPITAL : null));
        }
    }
}
