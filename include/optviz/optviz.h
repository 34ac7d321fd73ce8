/*
 * optviz/optviz.h: the whole public API of liboptviz.
 */
#ifndef OPTVIZ_OPTVIZ_H
#define OPTVIZ_OPTVIZ_H

#include "common.h"
#include "status.h"
#include "version.h"
#include "number.h"
#include "rng.h"
#include "dataset.h"
#include "optim.h"
#include "param.h"
#include "schedule.h"
#include "loss.h"
#include "run.h"
#include "tune.h"
#include "plane.h"
#include "signal.h"
#include "format.h"
#include "export.h"
#include "import.h"
#include "bind.h"
#include "output.h"
#include "image.h"
#include "gif.h"
#include "render.h"

#endif /* OPTVIZ_OPTVIZ_H */
