/* devtypes.c — every device family compiled in.  A new family adds its
 * ops here (one line) and claims its type names in ops.types. */
#include <strings.h>

#include "device.h"

extern const struct dev_ops con3215_ops; /* con3215.c: 3215-C, 1052-C, 3215, 1052 */
extern const struct dev_ops cardrdr_ops; /* cardrdr.c: 2540R, 3505 */
extern const struct dev_ops cardpch_ops; /* cardpch.c: 2540P, 3525 */
extern const struct dev_ops printer_ops; /* printer.c: 1403, 3211 */
extern const struct dev_ops dev3270_ops; /* dev3270.c: 3270, 3277, 3278, 3279 */
extern const struct dev_ops tape_ops;    /* tape.c: 3420, 3480 on AWS and HET images */
extern const struct dev_ops fba_ops;     /* fba.c: 3310, 3370 on FBA images */
extern const struct dev_ops ckd_ops;     /* ckd.c: 2311 2314 3330 3340 3350 3375 3380 on CKD/CCKD images */

const struct dev_ops *const dev_types[] = {
    &con3215_ops, &cardrdr_ops, &cardpch_ops, &printer_ops, &dev3270_ops, &tape_ops, &fba_ops, &ckd_ops, NULL,
};

/* Hercules device types that s370 does not emulate yet: a configuration
 * naming them is accepted with a warning and the device is left out.  A
 * family that arrives takes its names off this list. */
static const char *const pending[] = {
    "3287", "1442", "2501",
    "3203", "3410", "3411", "3422", "3430",  "3490",  "8809", "9347",
    "2305", "3390",  "9345",  "9332", "9335",
    "9336", "0671", "3088", "CTCI", "CTCT", "LCS",  "3705",  "2703",  NULL,
};

bool dev_type_pending(const char *type)
{
	for (const char *const *t = pending; *t; t++)
		if (!strcasecmp(*t, type))
			return true;
	return false;
}
