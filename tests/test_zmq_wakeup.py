"""The server's kernel channels read a waiting message even when its wake-up is lost."""

import asyncio
import threading
from queue import Empty

import pytest
import zmq
import zmq.asyncio
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.session import Session

from psoas import zmq_wakeup
from psoas.serve import voila_command

JUPYTER_CLIENT_GET_MSG = AsyncZMQSocketChannel.get_msg  # the test process never installs the workaround for good


@pytest.fixture
def installed():
    assert AsyncZMQSocketChannel.get_msg is JUPYTER_CLIENT_GET_MSG
    zmq_wakeup.install()
    yield
    AsyncZMQSocketChannel.get_msg = JUPYTER_CLIENT_GET_MSG  # type: ignore[method-assign]


def run(coroutine):
    """Run ``coroutine`` in a new event loop on a thread of its own (the test process may hold a
    half-running loop in its main thread, e.g. Playwright's), bounded so a bug cannot hang."""
    result = {}

    def target():
        try:
            result["value"] = asyncio.run(asyncio.wait_for(coroutine, timeout=10))
        except BaseException as error:  # noqa: BLE001 - re-raised in the test's thread
            result["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result.get("value")


async def channel_with_a_waiting_message(lose_wakeups: bool):
    """A channel whose socket already holds a kernel_info_reply; with ``lose_wakeups`` its
    waiting polls never wake (they sleep through their timeout), as the server saw happen."""
    context = zmq.asyncio.Context()
    kernel, client = context.socket(zmq.PAIR), context.socket(zmq.PAIR)
    address = f"inproc://wakeup-{id(kernel)}"
    kernel.bind(address)
    client.connect(address)
    session = Session()
    channel = AsyncZMQSocketChannel(client, session)
    if lose_wakeups:
        real_poll = client.poll

        async def poll(timeout=None, flags=zmq.POLLIN):
            if timeout == 0:
                return await real_poll(0, flags)
            await asyncio.sleep((timeout or 60_000) / 1000)  # the wake-up never comes
            return 0

        client.poll = poll
    session.send(kernel, "kernel_info_reply", {"status": "ok"})
    while not client.get(zmq.EVENTS) & zmq.POLLIN:  # the message has arrived in the socket
        await asyncio.sleep(0)
    return channel, [kernel, client], context


def close(sockets, context):
    for socket in sockets:
        socket.close(linger=0)
    context.term()


def test_a_message_whose_wake_up_is_lost_is_still_read(installed):
    async def main():
        channel, sockets, context = await channel_with_a_waiting_message(lose_wakeups=True)
        try:
            return await channel.get_msg(timeout=None)  # jupyter_client's own would wait forever
        finally:
            close(sockets, context)

    assert run(main())["msg_type"] == "kernel_info_reply"


def test_without_the_workaround_that_message_is_missed():
    async def main():
        channel, sockets, context = await channel_with_a_waiting_message(lose_wakeups=True)
        try:
            with pytest.raises(Empty):
                await JUPYTER_CLIENT_GET_MSG(channel, timeout=0.2)  # it is there; the poll says no
        finally:
            close(sockets, context)

    run(main())


def test_an_empty_channel_still_times_out(installed):
    async def main():
        context = zmq.asyncio.Context()
        socket = context.socket(zmq.PAIR)
        socket.bind(f"inproc://empty-{id(socket)}")
        try:
            with pytest.raises(Empty):
                await AsyncZMQSocketChannel(socket, Session()).get_msg(timeout=0.3)
        finally:
            close([socket], context)

    run(main())


def test_a_message_is_read_at_once_when_the_poll_works(installed):
    async def main():
        channel, sockets, context = await channel_with_a_waiting_message(lose_wakeups=False)
        try:
            return await channel.get_msg(timeout=None)
        finally:
            close(sockets, context)

    assert run(main())["content"] == {"status": "ok"}


def test_the_app_is_served_by_voila_with_the_workaround():
    command = voila_command(port=1234)
    assert command[1:3] == ["-m", "psoas.voila_main"]
