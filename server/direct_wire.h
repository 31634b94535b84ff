// Direct-message records to hearth.v1 messages (see wire_conversions.h for the rest).
#pragma once

#include "hearth/v1/direct.pb.h"
#include "server/storage/direct_records.h"

namespace hearth::server {

// `own`: the caller's own device, whose one-time prekey count they may see.
hearth::v1::DeviceInfo to_wire(const storage::DeviceRecord& device, bool own);
hearth::v1::KeyBundle to_wire(const storage::DeviceBundle& bundle);
hearth::v1::DirectMessage to_wire(const storage::DirectDelivery& delivery);
hearth::v1::DirectDelivered to_wire(const storage::DirectReceipt& receipt);
hearth::v1::DirectRequestInfo to_wire(const storage::DirectRequestRecord& request);
hearth::v1::ContactInfo to_wire(const storage::ContactRecord& contact);
hearth::v1::SponsorshipInfo to_wire(const storage::SponsorshipRecord& sponsorship);

}  // namespace hearth::server
