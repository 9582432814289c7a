package cn.gongji.account;

import cn.gongji.common.Money;

/** What one account pays towards a settlement. */
public record AccountDraw(String psnNo, Money amount, boolean own) {}
