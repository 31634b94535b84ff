// Between the wire's key messages and clients/e2e's types.
#include "clients/cli/direct_device_internal.h"

namespace hearth::cli {

hearth::v1::PublishKeysRequest publish_request(const e2e::DeviceKeys& keys, std::uint64_t device_id,
                                               const std::string& name, bool new_device) {
  hearth::v1::PublishKeysRequest upload;
  upload.set_device_id(device_id);
  upload.set_device_name(name);
  upload.set_identity_signing_key(to_string_bytes(keys.identity_signing_key()));
  upload.set_identity_dh_key(to_string_bytes(keys.identity_dh_key()));
  upload.set_identity_dh_signature(to_string_bytes(keys.identity_dh_signature()));
  const e2e::SignedPrekeyPublic signed_prekey = keys.signed_prekey();
  upload.mutable_signed_prekey()->set_id(signed_prekey.id);
  upload.mutable_signed_prekey()->set_public_key(to_string_bytes(signed_prekey.public_key));
  upload.mutable_signed_prekey()->set_signature(to_string_bytes(signed_prekey.signature));
  if (new_device) {
    for (const auto& prekey : keys.one_time_prekeys()) add_prekey(upload, prekey);
  }
  return upload;
}

void add_prekey(hearth::v1::PublishKeysRequest& upload, const e2e::OneTimePrekeyPublic& prekey) {
  auto* added = upload.add_one_time_prekeys();
  added->set_id(prekey.id);
  added->set_public_key(to_string_bytes(prekey.public_key));
}

e2e::RemoteBundle to_remote_bundle(const hearth::v1::KeyBundle& bundle) {
  auto bytes = [](const std::string& value) { return e2e::Bytes(value.begin(), value.end()); };
  e2e::RemoteBundle remote;
  remote.identity_signing_key = bytes(bundle.device().identity_signing_key());
  remote.identity_dh_key = bytes(bundle.identity_dh_key());
  remote.identity_dh_signature = bytes(bundle.identity_dh_signature());
  remote.signed_prekey_id = bundle.signed_prekey().id();
  remote.signed_prekey = bytes(bundle.signed_prekey().public_key());
  remote.signed_prekey_signature = bytes(bundle.signed_prekey().signature());
  if (bundle.has_one_time_prekey()) {
    remote.one_time_prekey_id = bundle.one_time_prekey().id();
    remote.one_time_prekey = bytes(bundle.one_time_prekey().public_key());
  }
  return remote;
}

}  // namespace hearth::cli
