import React, {useEffect, useMemo, useState} from 'react';
import {FlatList, StyleSheet, Text, TextInput, View} from 'react-native';
import {useQueryClient} from '@tanstack/react-query';
import {useRoute, type RouteProp} from '@react-navigation/native';
import {keys} from '../api/keys';
import type {RootStackParams} from '../navigation/types';
import {useApi} from '../services';
import {track} from '../telemetry/analytics';
import {Button, ErrorState} from '../ui/components';
import {colors, radius, spacing, type} from '../ui/theme';
import type {ConnectionStatus} from './realtime';
import {useRealtime} from './RealtimeContext';
import {ThreadSession, type ThreadSnapshot} from './threadSession';

export function ThreadScreen() {
  const {params} = useRoute<RouteProp<RootStackParams, 'Thread'>>();
  const realtime = useRealtime();
  const api = useApi();
  const qc = useQueryClient();
  const session = useMemo(
    () =>
      realtime
        ? new ThreadSession(realtime, params.threadId, null, () =>
            track({name: 'message_sent', threadId: params.threadId}),
          )
        : null,
    [realtime, params.threadId],
  );
  const [snap, setSnap] = useState<ThreadSnapshot>({messages: [], outgoing: []});
  const [status, setStatus] = useState<ConnectionStatus>('idle');
  const [text, setText] = useState('');

  useEffect(() => {
    if (!session || !realtime) {
      return;
    }
    const offChange = session.onChange(setSnap);
    const offStatus = realtime.onStatus(setStatus);
    session.start();
    return () => {
      offChange();
      offStatus();
      session.stop();
    };
  }, [session, realtime]);

  const lastCursor = snap.messages.length ? snap.messages[snap.messages.length - 1].cursor : null;
  useEffect(() => {
    if (lastCursor) {
      // Read marker: best effort, the unread badge catches up at the next inbox load if this fails.
      api
        .markRead(params.threadId, lastCursor)
        .then(() => qc.invalidateQueries({queryKey: keys.threads}))
        .catch(() => undefined);
    }
  }, [api, qc, params.threadId, lastCursor]);

  if (!session) {
    return <ErrorState message="Sign in to chat." />;
  }
  const rows = [
    // Only the sender's own messages carry a status (docs/CHAT.md): the server echoes a held message back as
    // `pending` until an admin relays it, so the stream's copy must keep saying so.
    ...snap.messages.map(m => ({
      key: m.id,
      text: m.text,
      from: m.status ? ('me' as const) : m.from,
      note:
        m.status === 'pending'
          ? 'Waiting for review'
          : m.status === 'rejected'
            ? 'Not delivered'
            : (null as string | null),
    })),
    ...snap.outgoing.map(o => ({
      key: o.clientMessageId,
      text: o.text,
      from: 'me' as const,
      note: o.state === 'held' ? 'Waiting for review' : o.state === 'failed' ? 'Not sent yet, will retry' : 'Sending…',
    })),
  ];
  return (
    <View style={s.screen}>
      {status !== 'live' ? (
        <Text style={s.status}>{status === 'connecting' ? 'Connecting…' : 'Reconnecting…'}</Text>
      ) : null}
      <FlatList
        style={{flex: 1}}
        data={rows}
        keyExtractor={r => r.key}
        renderItem={({item}) => (
          <View style={[s.bubble, item.note ? s.mine : null]} testID={`message-${item.key}`}>
            <Text style={type.caption}>{item.from === 'me' ? 'You' : item.from}</Text>
            <Text style={type.body}>{item.text}</Text>
            {item.note ? <Text style={type.caption}>{item.note}</Text> : null}
          </View>
        )}
      />
      <View style={s.composer}>
        <TextInput
          accessibilityLabel="Message"
          placeholder="Write a message"
          style={s.input}
          value={text}
          onChangeText={setText}
          maxLength={2000}
          multiline
        />
        <Button
          title="Send"
          disabled={!text.trim()}
          onPress={() => {
            session.send(text);
            setText('');
          }}
        />
      </View>
    </View>
  );
}

const s = StyleSheet.create({
  screen: {flex: 1, backgroundColor: colors.background, padding: spacing.md},
  status: {textAlign: 'center', color: colors.warning},
  bubble: {
    backgroundColor: colors.surface,
    borderRadius: radius.md,
    padding: spacing.sm,
    marginVertical: 2,
    maxWidth: '85%',
  },
  mine: {alignSelf: 'flex-end', backgroundColor: '#E8F0FE'},
  composer: {flexDirection: 'row', gap: spacing.sm, alignItems: 'flex-end'},
  input: {
    flex: 1,
    borderWidth: 1,
    borderColor: colors.border,
    borderRadius: radius.md,
    padding: spacing.sm,
    backgroundColor: colors.surface,
    maxHeight: 120,
  },
});
