#!/usr/bin/env bash
# A five-minute tour of the HIS protocol against a running `./gongji run` (demo data):
# 1101 person → 2201 register → 2204 fee lines → 2206 pre-settle → 2207 settle → 2208 cancel.
#   scripts/tour.sh            (GONGJI_URL defaults to http://localhost:8080)
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
call() { echo; echo "### $1 $3"; "$here/his-call" "$1" "$2" | tee /tmp/gongji-tour.out; }
field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" /tmp/gongji-tour.out | head -n 1; }
now=$(TZ=Asia/Shanghai date '+%Y-%m-%d %H:%M:%S')

call 1101 '{"data":{"mdtrt_cert_type":"01","mdtrt_cert_no":"demo-evoucher-0001","psn_cert_type":"01","certno":"","psn_name":""}}' "person information by e-voucher"
psn=$(field psn_no)

call 2201 "{\"data\":{\"psn_no\":\"$psn\",\"insutype\":\"310\",\"begntime\":\"$now\",\"mdtrt_cert_type\":\"01\",\"mdtrt_cert_no\":\"demo-evoucher-0001\",\"ipt_otp_no\":\"MZ$(date +%s)\",\"atddr_no\":\"D001\",\"dr_name\":\"李医生\",\"dept_code\":\"A03\",\"dept_name\":\"内科\",\"caty\":\"A03\"}}" "outpatient registration"
mdtrt=$(field mdtrt_id)

line() { # sn code price qty sum
  echo "{\"feedetl_sn\":\"$1\",\"mdtrt_id\":\"$mdtrt\",\"psn_no\":\"$psn\",\"chrg_bchno\":\"B1\",\"rxno\":\"\",\"rx_circ_flag\":\"0\",\"fee_ocur_time\":\"$now\",\"med_list_codg\":\"$2\",\"medins_list_codg\":\"$2\",\"det_item_fee_sumamt\":$5,\"cnt\":$4,\"pric\":$3,\"bilg_dept_codg\":\"A03\",\"bilg_dept_name\":\"内科\",\"bilg_dr_codg\":\"D001\",\"bilg_dr_name\":\"李医生\",\"hosp_appr_flag\":\"0\"}"
}
call 2204 "{\"feedetail\":[$(line 1 110200001 20.00 1 20.00),$(line 2 XY000001 12.00 10 120.00),$(line 3 XY000002 30.00 2 60.00),$(line 4 XY000004 45.00 1 45.00)]}" "fee detail upload"

settle_input="{\"data\":{\"psn_no\":\"$psn\",\"mdtrt_cert_type\":\"01\",\"mdtrt_cert_no\":\"demo-evoucher-0001\",\"med_type\":\"11\",\"medfee_sumamt\":245.00,\"psn_setlway\":\"01\",\"mdtrt_id\":\"$mdtrt\",\"chrg_bchno\":\"B1\",\"acct_used_flag\":\"1\",\"insutype\":\"310\"}}"
call 2206 "$settle_input" "pre-settlement"
call 2207 "$settle_input" "settlement"
setl=$(field setl_id)

call 2208 "{\"data\":{\"setl_id\":\"$setl\",\"mdtrt_id\":\"$mdtrt\",\"psn_no\":\"$psn\"}}" "settlement cancel"
