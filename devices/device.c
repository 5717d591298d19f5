/* device.c — helpers shared by device implementations, and the type table. */
#include <string.h>
#include <strings.h>

#include "channel.h"

/* Sense (X'04'): the sense bytes go to storage, then are reset, as the
 * device manuals describe for basic sense. */
int dev_sense(struct device *d)
{
	uint32_t n = d->sense_len ? d->sense_len : 1;
	chan_write(d, d->sense, n);
	memset(d->sense, 0, sizeof d->sense);
	return US_CE | US_DE;
}

/* Sense ID (X'E4'). */
int dev_sense_id(struct device *d)
{
	if (!d->senseid_len)
		return dev_reject(d);
	chan_write(d, d->senseid, d->senseid_len);
	return US_CE | US_DE;
}

int dev_reject(struct device *d)
{
	memset(d->sense, 0, sizeof d->sense);
	d->sense[0] = SNS0_CMDREJ;
	return US_CE | US_DE | US_UC;
}

/* FF, control-unit type and model, device type and model. */
void dev_set_senseid(struct device *d, uint16_t type, uint8_t model)
{
	uint8_t *p = d->senseid;
	p[0] = 0xFF;
	p[1] = (uint8_t)(type >> 8);
	p[2] = (uint8_t)type;
	p[3] = model;
	p[4] = (uint8_t)(type >> 8);
	p[5] = (uint8_t)type;
	p[6] = model;
	d->senseid_len = 7;
	d->devtype = type;
	d->devmodel = model;
}

const struct dev_ops *dev_find_type(const char *type)
{
	for (const struct dev_ops *const *o = dev_types; *o; o++)
		for (const char *const *t = (*o)->types; *t; t++)
			if (!strcasecmp(*t, type))
				return *o;
	return NULL;
}
