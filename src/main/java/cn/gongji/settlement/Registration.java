package cn.gongji.settlement;

import java.time.LocalDateTime;

/** A 2201 outpatient registration as read from the message. */
public record Registration(
        String psnNo,
        String insutype,
        LocalDateTime begntime,
        String medType,
        String iptOtpNo,
        String mdtrtCertType,
        String mdtrtCertNo,
        String atddrNo,
        String drName,
        String deptCode,
        String deptName,
        String caty,
        String mdtrtareaAdmvs,
        String msgid) {}
