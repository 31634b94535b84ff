// Accepts TCP connections and gives each a strand of its own and an HttpSession.
// run() and stop() may be called from any thread.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <memory>
#include <string>

namespace hearth::server {

struct ServerContext;

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(boost::asio::io_context& io, ServerContext& context);
  // Binds and listens. Returns an empty string on success, else what went wrong.
  std::string listen(const boost::asio::ip::tcp::endpoint& endpoint);
  boost::asio::ip::tcp::endpoint local_endpoint() const;
  void run();
  void stop();

 private:
  void accept_next();
  void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& io_;
  ServerContext& context_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer backoff_;
};

}  // namespace hearth::server
