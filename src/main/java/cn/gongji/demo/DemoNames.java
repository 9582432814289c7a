package cn.gongji.demo;

import java.util.List;

/** Word lists for synthetic demo data. The people they produce do not exist. */
final class DemoNames {

    private DemoNames() {}

    static final List<String> SURNAMES = split("""
            王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘
            于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹
            薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 武 戴 莫 孔 向 汤 司马 欧阳 诸葛""");

    static final List<String> MALE_GIVEN = split("""
            伟 强 磊 军 洋 勇 杰 涛 明 超 刚 平 辉 鹏 华 飞 鑫 波 斌 宇 浩 凯 健 俊 帆 帅 旭 宁 龙 林 峰 建 国 志 文 海 东
            亮 成 永 新 振 家 德 庆 春 和 仲 景 宛 卧 博 森 晨 阳 昊 然""");

    static final List<String> FEMALE_GIVEN = split("""
            芳 娜 敏 静 丽 艳 娟 霞 秀 玲 桂 英 兰 红 梅 琳 燕 萍 雪 慧 婷 倩 颖 琴 云 莉 洁 佳 欣 悦 怡 晶 妍 璐 瑶 雯 菲
            月 春 凤 华 淑 珍 丹 蕾 爽 宁 彤 诗 涵""");

    /** Counties and districts of Nanyang (4113xx). */
    static final List<String> AREAS = List.of(
            "411302", "411303", "411321", "411322", "411323", "411324", "411325", "411326", "411327", "411328",
            "411329", "411330", "411381");

    static final List<String> EMPLOYERS = List.of(
            "南阳市财政局", "南阳市教育局", "宛城区人民政府", "卧龙区人民政府", "南阳防爆集团股份有限公司",
            "河南天冠企业集团有限公司", "南阳二机石油装备集团股份有限公司", "牧原食品股份有限公司",
            "南阳市第一人民医院", "南阳市中心医院", "南阳理工学院", "南阳师范学院", "南阳市自来水有限公司",
            "国网南阳供电公司", "中国石化河南油田分公司", "南阳市公共交通集团有限公司", "宛西制药股份有限公司",
            "南阳淅减汽车减振器有限公司", "南阳市邮政分公司", "南阳市第十五小学", "南阳仲景宛西制药有限公司",
            "镇平县玉雕产业园管委会", "西峡县香菇市场服务中心", "邓州市人民医院", "唐河县农业农村局");

    private static List<String> split(String s) {
        return List.of(s.trim().split("\\s+"));
    }
}
