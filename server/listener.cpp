#include "server/listener.h"

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/bind_handler.hpp>

#include "server/http_session.h"
#include "server/log.h"

namespace hearth::server {

namespace asio = boost::asio;

Listener::Listener(asio::io_context& io, ServerContext& context)
    // The acceptor and its back-off timer share one strand: stop() may come from any thread.
    : io_(io), context_(context), acceptor_(asio::make_strand(io)), backoff_(acceptor_.get_executor()) {}

std::string Listener::listen(const asio::ip::tcp::endpoint& endpoint) {
  boost::system::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  return ec ? ec.message() : std::string();
}

asio::ip::tcp::endpoint Listener::local_endpoint() const {
  boost::system::error_code ec;
  return acceptor_.local_endpoint(ec);
}

void Listener::run() { accept_next(); }

void Listener::stop() {
  asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
    self->backoff_.cancel();
  });
}

void Listener::accept_next() {
  acceptor_.async_accept(asio::make_strand(io_),
                         boost::beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(boost::beast::error_code ec, asio::ip::tcp::socket socket) {
  if (!acceptor_.is_open()) return;
  if (ec) {
    // Out of file descriptors or memory: pause briefly rather than spin on the same error.
    log::warn("listener.accept_failed", {{"error", ec.message()}});
    backoff_.expires_after(std::chrono::milliseconds(100));
    backoff_.async_wait([self = shared_from_this()](boost::system::error_code wait_ec) {
      if (!wait_ec) self->accept_next();
    });
    return;
  }
  // Small frames must leave at once: Nagle's algorithm with delayed ACKs adds 40 ms stalls.
  boost::system::error_code ignored;
  socket.set_option(asio::ip::tcp::no_delay(true), ignored);
  std::make_shared<HttpSession>(std::move(socket), context_)->run();
  accept_next();
}

}  // namespace hearth::server
