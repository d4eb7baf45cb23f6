package dev.witness.proxy.pg;

import dev.witness.proxy.pg.message.SessionMessages.BackendKeyData;
import dev.witness.proxy.pg.message.SessionMessages.ParameterStatus;
import dev.witness.proxy.pg.message.SessionMessages.ReadyForQuery;
import io.netty.channel.Channel;
import java.util.List;

/**
 * A backend connection Witness has logged in to, with what the backend said while starting up.
 *
 * @param key the backend's cancel key; null if it sent none
 */
record BackendSession(Channel channel, List<ParameterStatus> parameters, BackendKeyData key, ReadyForQuery ready) {}
