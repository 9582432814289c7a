package cn.gongji.settlement;

import java.time.LocalDateTime;

/** A registered outpatient visit (2201). {@code begntime} is the date of care. */
public record Visit(
        String mdtrtId,
        String psnNo,
        String fixmedinsCode,
        String episodeFixmedins,
        String insutype,
        String medType,
        LocalDateTime begntime,
        String iptOtpNo,
        String mdtrtCertType,
        String mdtrtareaAdmvs,
        String status) {

    public boolean cancelled() {
        return "cancelled".equals(status);
    }
}
