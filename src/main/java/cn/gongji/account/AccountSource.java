package cn.gongji.account;

import cn.gongji.common.Money;

/**
 * A personal account that may pay a settlement's personal share, in payer order.
 *
 * @param own true for the patient's own account; false for a holder who bound the patient (家庭共济)
 */
public record AccountSource(String psnNo, Money available, boolean own) {}
