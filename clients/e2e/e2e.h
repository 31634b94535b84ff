// The whole public API of the end-to-end library in one include (README.md specifies the
// construction). Include the single headers instead where only one concept is needed.
#pragma once

#include "clients/e2e/device_keys.h"     // DeviceKeys, verify_device_keys
#include "clients/e2e/envelope.h"        // is_prekey_message, read_sender_identity
#include "clients/e2e/errors.h"          // E2eError, Result
#include "clients/e2e/primitives.h"      // ensure_sodium, sizes
#include "clients/e2e/random_source.h"   // RandomSource
#include "clients/e2e/safety_number.h"   // safety_number
#include "clients/e2e/session.h"         // Session, Accepted
#include "clients/e2e/x3dh.h"            // RemoteBundle
