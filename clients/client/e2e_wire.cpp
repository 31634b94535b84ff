#include "clients/client/e2e_wire.h"

namespace hearth::client {

hearth::v1::PublishKeysRequest key_upload(const e2e::DeviceKeys& keys, std::uint64_t device_id, const std::string& name,
                                          bool with_one_time_prekeys) {
  hearth::v1::PublishKeysRequest upload;
  upload.set_device_id(device_id);
  if (device_id == 0) upload.set_device_name(name);
  upload.set_identity_signing_key(byte_string(keys.identity_signing_key()));
  upload.set_identity_dh_key(byte_string(keys.identity_dh_key()));
  upload.set_identity_dh_signature(byte_string(keys.identity_dh_signature()));
  const e2e::SignedPrekeyPublic signed_prekey = keys.signed_prekey();
  upload.mutable_signed_prekey()->set_id(signed_prekey.id);
  upload.mutable_signed_prekey()->set_public_key(byte_string(signed_prekey.public_key));
  upload.mutable_signed_prekey()->set_signature(byte_string(signed_prekey.signature));
  if (with_one_time_prekeys) {
    for (const auto& prekey : keys.one_time_prekeys()) add_one_time_prekey(upload, prekey);
  }
  return upload;
}

void add_one_time_prekey(hearth::v1::PublishKeysRequest& upload, const e2e::OneTimePrekeyPublic& prekey) {
  auto* added = upload.add_one_time_prekeys();
  added->set_id(prekey.id);
  added->set_public_key(byte_string(prekey.public_key));
}

e2e::RemoteBundle remote_bundle(const hearth::v1::KeyBundle& bundle) {
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

}  // namespace hearth::client
