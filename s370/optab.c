/* optab.c — the opcode table: mnemonic, format, flags and handler of every
 * instruction, indexed by opcode.  Two-byte opcodes (A7x, B2xx, B9xx, C0x,
 * E5xx, and E3/EB with the second byte last) are found through a second
 * table chosen by the first byte.  The
 * dispatcher, the disassembler and the tracer all read this one table.
 * An empty row is an unassigned opcode: operation exception.
 */
#include "ops.h"


static const struct opdef op_b2[256] = {
	[0x02] = {"STIDP", F_S, OPF_PRIV, op_stidp},
	[0x03] = {"STIDC", F_S, OPF_PRIV, op_stidc},
	[0x04] = {"SCK", F_S, OPF_PRIV, op_sck},
	[0x05] = {"STCK", F_S, 0, op_stck},
	[0x06] = {"SCKC", F_S, OPF_PRIV, op_sckc},
	[0x07] = {"STCKC", F_S, OPF_PRIV, op_stckc},
	[0x08] = {"SPT", F_S, OPF_PRIV, op_spt},
	[0x09] = {"STPT", F_S, OPF_PRIV, op_stpt},
	[0x0D] = {"PTLB", F_S, OPF_PRIV, op_ptlb},
	[0x10] = {"SPX", F_S, OPF_PRIV, op_spx},
	[0x11] = {"STPX", F_S, OPF_PRIV, op_stpx},
	[0x12] = {"STAP", F_S, OPF_PRIV, op_stap},
	[0x13] = {"RRB", F_S, OPF_PRIV, op_rrb},
	[0x22] = {"IPM", F_RRE, OPF_S37X, op_ipm},
	[0x52] = {"MSR", F_RRE, OPF_S37X, op_msr},
	[0x55] = {"MVST", F_RRE, OPF_S37X, op_mvst},
	[0x5D] = {"CLST", F_RRE, OPF_S37X, op_clst},
	[0x5E] = {"SRST", F_RRE, OPF_S37X, op_srst},
};


static const struct opdef op_b9[256] = {
	[0x96] = {"MLR", F_RRE, OPF_S37X, op_mlr},
	[0x97] = {"DLR", F_RRE, OPF_S37X, op_dlr},
	[0x98] = {"ALCR", F_RRE, OPF_S37X, op_alcr},
	[0x99] = {"SLBR", F_RRE, OPF_S37X, op_slbr},
};


/* E3 and EB: the z900's RXE and RSE forms (opcode byte 5), which the
 * cross-compiler emits in ESA/390 mode (DESIGN.md rule 3). */
static const struct opdef op_e3[256] = {
	[0x96] = {"ML", F_RXE, OPF_S37X, op_ml},
	[0x97] = {"DL", F_RXE, OPF_S37X, op_dl},
	[0x98] = {"ALC", F_RXE, OPF_S37X, op_alc},
	[0x99] = {"SLB", F_RXE, OPF_S37X, op_slb},
};

static const struct opdef op_eb[256] = {
	[0x1D] = {"RLL", F_RSE, OPF_S37X, op_rll},
};


static const struct opdef op_a7[16] = {
	[0x0] = {"TMH", F_RI, OPF_S37X, op_tmh},
	[0x1] = {"TML", F_RI, OPF_S37X, op_tml},
	[0x4] = {"BRC", F_RI, OPF_S37X, op_brc},
	[0x5] = {"BRAS", F_RI, OPF_S37X, op_bras},
	[0x6] = {"BRCT", F_RI, OPF_S37X, op_brct},
	[0x8] = {"LHI", F_RI, OPF_S37X, op_lhi},
	[0xA] = {"AHI", F_RI, OPF_S37X, op_ahi},
	[0xC] = {"MHI", F_RI, OPF_S37X, op_mhi},
	[0xE] = {"CHI", F_RI, OPF_S37X, op_chi},
};


static const struct opdef op_c0[16] = {
	[0x0] = {"LARL", F_RIL, OPF_S37X, op_larl},
	[0x4] = {"BRCL", F_RIL, OPF_S37X, op_brcl},
	[0x5] = {"BRASL", F_RIL, OPF_S37X, op_brasl},
};


static const struct opdef op_e5[256] = {
	[0x01] = {"TPROT", F_SS, OPF_PRIV, op_tprot},
};

const struct opdef cpu_op_primary[256] = {
	[0xA7] = {"", F_NONE, OPF_GROUP, NULL},
	[0xB2] = {"", F_NONE, OPF_GROUP, NULL},
	[0xB9] = {"", F_NONE, OPF_GROUP, NULL},
	[0xC0] = {"", F_NONE, OPF_GROUP, NULL},
	[0xE5] = {"", F_NONE, OPF_GROUP, NULL},
	[0xE3] = {"", F_NONE, OPF_GROUP, NULL},
	[0xEB] = {"", F_NONE, OPF_GROUP, NULL},
	[0x04] = {"SPM", F_RR, 0, op_spm},
	[0x05] = {"BALR", F_RR, 0, op_balr},
	[0x06] = {"BCTR", F_RR, 0, op_bctr},
	[0x07] = {"BCR", F_RR, 0, op_bcr},
	[0x08] = {"SSK", F_RR, OPF_PRIV, op_ssk},
	[0x09] = {"ISK", F_RR, OPF_PRIV, op_isk},
	[0x0A] = {"SVC", F_RR, 0, op_svc},
	[0x0D] = {"BASR", F_RR, 0, op_basr},
	[0x0E] = {"MVCL", F_RR, 0, op_mvcl},
	[0x0F] = {"CLCL", F_RR, 0, op_clcl},
	[0x10] = {"LPR", F_RR, 0, op_lpr},
	[0x11] = {"LNR", F_RR, 0, op_lnr},
	[0x12] = {"LTR", F_RR, 0, op_ltr},
	[0x13] = {"LCR", F_RR, 0, op_lcr},
	[0x14] = {"NR", F_RR, 0, op_nr},
	[0x15] = {"CLR", F_RR, 0, op_clr},
	[0x16] = {"OR", F_RR, 0, op_or},
	[0x17] = {"XR", F_RR, 0, op_xr},
	[0x18] = {"LR", F_RR, 0, op_lr},
	[0x19] = {"CR", F_RR, 0, op_cr},
	[0x1A] = {"AR", F_RR, 0, op_ar},
	[0x1B] = {"SR", F_RR, 0, op_sr},
	[0x1C] = {"MR", F_RR, 0, op_mr},
	[0x1D] = {"DR", F_RR, 0, op_dr},
	[0x1E] = {"ALR", F_RR, 0, op_alr},
	[0x1F] = {"SLR", F_RR, 0, op_slr},
	[0x20] = {"LPDR", F_RR, 0, op_lpdr},
	[0x21] = {"LNDR", F_RR, 0, op_lndr},
	[0x22] = {"LTDR", F_RR, 0, op_ltdr},
	[0x23] = {"LCDR", F_RR, 0, op_lcdr},
	[0x24] = {"HDR", F_RR, 0, op_hdr},
	[0x25] = {"LRDR", F_RR, 0, op_lrdr},
	[0x26] = {"MXR", F_RR, 0, op_mxr},
	[0x27] = {"MXDR", F_RR, 0, op_mxdr},
	[0x28] = {"LDR", F_RR, 0, op_ldr},
	[0x29] = {"CDR", F_RR, 0, op_cdr},
	[0x2A] = {"ADR", F_RR, 0, op_adr},
	[0x2B] = {"SDR", F_RR, 0, op_sdr},
	[0x2C] = {"MDR", F_RR, 0, op_mdr},
	[0x2D] = {"DDR", F_RR, 0, op_ddr},
	[0x2E] = {"AWR", F_RR, 0, op_awr},
	[0x2F] = {"SWR", F_RR, 0, op_swr},
	[0x30] = {"LPER", F_RR, 0, op_lper},
	[0x31] = {"LNER", F_RR, 0, op_lner},
	[0x32] = {"LTER", F_RR, 0, op_lter},
	[0x33] = {"LCER", F_RR, 0, op_lcer},
	[0x34] = {"HER", F_RR, 0, op_her},
	[0x35] = {"LRER", F_RR, 0, op_lrer},
	[0x36] = {"AXR", F_RR, 0, op_axr},
	[0x37] = {"SXR", F_RR, 0, op_sxr},
	[0x38] = {"LER", F_RR, 0, op_ler},
	[0x39] = {"CER", F_RR, 0, op_cer},
	[0x3A] = {"AER", F_RR, 0, op_aer},
	[0x3B] = {"SER", F_RR, 0, op_ser},
	[0x3C] = {"MER", F_RR, 0, op_mer},
	[0x3D] = {"DER", F_RR, 0, op_der},
	[0x3E] = {"AUR", F_RR, 0, op_aur},
	[0x3F] = {"SUR", F_RR, 0, op_sur},
	[0x40] = {"STH", F_RX, 0, op_sth},
	[0x41] = {"LA", F_RX, 0, op_la},
	[0x42] = {"STC", F_RX, 0, op_stc},
	[0x43] = {"IC", F_RX, 0, op_ic},
	[0x44] = {"EX", F_RX, 0, op_ex},
	[0x45] = {"BAL", F_RX, 0, op_bal},
	[0x46] = {"BCT", F_RX, 0, op_bct},
	[0x47] = {"BC", F_RX, 0, op_bc},
	[0x48] = {"LH", F_RX, 0, op_lh},
	[0x49] = {"CH", F_RX, 0, op_ch},
	[0x4A] = {"AH", F_RX, 0, op_ah},
	[0x4B] = {"SH", F_RX, 0, op_sh},
	[0x4C] = {"MH", F_RX, 0, op_mh},
	[0x4D] = {"BAS", F_RX, 0, op_bas},
	[0x4E] = {"CVD", F_RX, 0, op_cvd},
	[0x4F] = {"CVB", F_RX, 0, op_cvb},
	[0x50] = {"ST", F_RX, 0, op_st},
	[0x54] = {"N", F_RX, 0, op_n},
	[0x55] = {"CL", F_RX, 0, op_cl},
	[0x56] = {"O", F_RX, 0, op_o},
	[0x57] = {"X", F_RX, 0, op_x},
	[0x58] = {"L", F_RX, 0, op_l},
	[0x59] = {"C", F_RX, 0, op_c},
	[0x5A] = {"A", F_RX, 0, op_a},
	[0x5B] = {"S", F_RX, 0, op_s},
	[0x5C] = {"M", F_RX, 0, op_m},
	[0x5D] = {"D", F_RX, 0, op_d},
	[0x5E] = {"AL", F_RX, 0, op_al},
	[0x5F] = {"SL", F_RX, 0, op_sl},
	[0x60] = {"STD", F_RX, 0, op_std},
	[0x67] = {"MXD", F_RX, 0, op_mxd},
	[0x68] = {"LD", F_RX, 0, op_ld},
	[0x69] = {"CD", F_RX, 0, op_cd},
	[0x6A] = {"AD", F_RX, 0, op_ad},
	[0x6B] = {"SD", F_RX, 0, op_sd},
	[0x6C] = {"MD", F_RX, 0, op_md},
	[0x6D] = {"DD", F_RX, 0, op_dd},
	[0x6E] = {"AW", F_RX, 0, op_aw},
	[0x6F] = {"SW", F_RX, 0, op_sw},
	[0x70] = {"STE", F_RX, 0, op_ste},
	[0x71] = {"MS", F_RX, OPF_S37X, op_ms},
	[0x78] = {"LE", F_RX, 0, op_le},
	[0x79] = {"CE", F_RX, 0, op_ce},
	[0x7A] = {"AE", F_RX, 0, op_ae},
	[0x7B] = {"SE", F_RX, 0, op_se},
	[0x7C] = {"ME", F_RX, 0, op_me},
	[0x7D] = {"DE", F_RX, 0, op_de},
	[0x7E] = {"AU", F_RX, 0, op_au},
	[0x7F] = {"SU", F_RX, 0, op_su},
	[0x80] = {"SSM", F_S, OPF_PRIV, op_ssm},
	[0x82] = {"LPSW", F_S, OPF_PRIV, op_lpsw},
	[0x83] = {"DIAG", F_RS, OPF_PRIV, op_diag},
	[0x84] = {"BRXH", F_RSI, OPF_S37X, op_brxh},
	[0x85] = {"BRXLE", F_RSI, OPF_S37X, op_brxle},
	[0x86] = {"BXH", F_RS, 0, op_bxh},
	[0x87] = {"BXLE", F_RS, 0, op_bxle},
	[0x88] = {"SRL", F_RS, 0, op_srl},
	[0x89] = {"SLL", F_RS, 0, op_sll},
	[0x8A] = {"SRA", F_RS, 0, op_sra},
	[0x8B] = {"SLA", F_RS, 0, op_sla},
	[0x8C] = {"SRDL", F_RS, 0, op_srdl},
	[0x8D] = {"SLDL", F_RS, 0, op_sldl},
	[0x8E] = {"SRDA", F_RS, 0, op_srda},
	[0x8F] = {"SLDA", F_RS, 0, op_slda},
	[0x90] = {"STM", F_RS, 0, op_stm},
	[0x91] = {"TM", F_SI, 0, op_tm},
	[0x92] = {"MVI", F_SI, 0, op_mvi},
	[0x93] = {"TS", F_S, 0, op_ts},
	[0x94] = {"NI", F_SI, 0, op_ni},
	[0x95] = {"CLI", F_SI, 0, op_cli},
	[0x96] = {"OI", F_SI, 0, op_oi},
	[0x97] = {"XI", F_SI, 0, op_xi},
	[0x98] = {"LM", F_RS, 0, op_lm},
	[0x9C] = {"SIO", F_S, OPF_PRIV, op_sio},
	[0x9D] = {"TIO", F_S, OPF_PRIV, op_tio},
	[0x9E] = {"HIO", F_S, OPF_PRIV, op_hio},
	[0x9F] = {"TCH", F_S, OPF_PRIV, op_tch},
	[0xAC] = {"STNSM", F_SI, OPF_PRIV, op_stnsm},
	[0xAD] = {"STOSM", F_SI, OPF_PRIV, op_stosm},
	[0xAE] = {"SIGP", F_RS, OPF_PRIV, op_sigp},
	[0xAF] = {"MC", F_SI, 0, op_mc},
	[0xB1] = {"LRA", F_RX, OPF_PRIV, op_lra},
	[0xB6] = {"STCTL", F_RS, OPF_PRIV, op_stctl},
	[0xB7] = {"LCTL", F_RS, OPF_PRIV, op_lctl},
	[0xBA] = {"CS", F_RS, 0, op_cs},
	[0xBB] = {"CDS", F_RS, 0, op_cds},
	[0xBD] = {"CLM", F_RS, 0, op_clm},
	[0xBE] = {"STCM", F_RS, 0, op_stcm},
	[0xBF] = {"ICM", F_RS, 0, op_icm},
	[0xD1] = {"MVN", F_SS, 0, op_mvn},
	[0xD2] = {"MVC", F_SS, 0, op_mvc},
	[0xD3] = {"MVZ", F_SS, 0, op_mvz},
	[0xD4] = {"NC", F_SS, 0, op_nc},
	[0xD5] = {"CLC", F_SS, 0, op_clc},
	[0xD6] = {"OC", F_SS, 0, op_oc},
	[0xD7] = {"XC", F_SS, 0, op_xc},
	[0xDC] = {"TR", F_SS, 0, op_tr},
	[0xDD] = {"TRT", F_SS, 0, op_trt},
	[0xDE] = {"ED", F_SS, 0, op_ed},
	[0xDF] = {"EDMK", F_SS, 0, op_edmk},
	[0xE8] = {"MVCIN", F_SS, 0, op_mvcin},
	[0xF0] = {"SRP", F_SS, 0, op_srp},
	[0xF1] = {"MVO", F_SS, 0, op_mvo},
	[0xF2] = {"PACK", F_SS, 0, op_pack},
	[0xF3] = {"UNPK", F_SS, 0, op_unpk},
	[0xF8] = {"ZAP", F_SS, 0, op_zap},
	[0xF9] = {"CP", F_SS, 0, op_cp},
	[0xFA] = {"AP", F_SS, 0, op_ap},
	[0xFB] = {"SP", F_SS, 0, op_sp},
	[0xFC] = {"MP", F_SS, 0, op_mp},
	[0xFD] = {"DP", F_SS, 0, op_dp},
};

const struct opdef *cpu_op_group(uint8_t op, uint8_t b1)
{
	static const struct opdef none = {NULL, F_NONE, 0, NULL};
	switch (op) {
	case 0xA7: return &op_a7[b1 & 0x0F];
	case 0xB2: return &op_b2[b1];
	case 0xB9: return &op_b9[b1];
	case 0xC0: return &op_c0[b1 & 0x0F];
	case 0xE5: return &op_e5[b1];
	case 0xE3: return &op_e3[b1]; /* b1 here is byte 5 (cpu_opdef_at) */
	case 0xEB: return &op_eb[b1];
	default: return &none;
	}
}
