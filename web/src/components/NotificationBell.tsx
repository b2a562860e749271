import { useCallback, useEffect, useRef, useState } from 'react';
import { Badge, Button, Empty, Popover, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { api, request } from '../api.ts';
import { hasKey, useI18n } from '../i18n/index.tsx';
import { formatQuarter } from '../lib/labour.ts';

interface Notification { id: string; kind: string; params: Record<string, string | number>; link: string | null; createdAt: string; readAt: string | null }
interface Inbox { items: Notification[]; unread: number }

const POLL_MS = 60_000;

/** The header's inbox: the unread count, the latest messages, and a click opens what a message is about. */
export function NotificationBell() {
  const { t, fmt, locale } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [inbox, setInbox] = useState<Inbox | null>(null);
  const [open, setOpen] = useState(false);

  // A background poll: it never ends the session itself (anonymousOk) — after a logout or an
  // expiry the page's own requests say so — and it is aborted when the header goes.
  const inFlight = useRef<AbortController | null>(null);
  const load = useCallback(() => {
    inFlight.current?.abort();
    const ac = new AbortController();
    inFlight.current = ac;
    request<Inbox>('GET', '/api/notifications', { query: { limit: 10 }, signal: ac.signal, anonymousOk: true }).then(setInbox).catch(() => {});
  }, []);
  useEffect(() => {
    load();
    const timer = setInterval(load, POLL_MS);
    return () => { clearInterval(timer); inFlight.current?.abort(); };
  }, [load, location.pathname]);

  const text = (n: Notification) => {
    const key = `notify.${n.kind}`;
    if (!hasKey(key)) return n.kind;
    const params = Object.fromEntries(Object.entries(n.params).map(([k, v]) => [k, k === 'quarter' ? formatQuarter(locale, String(v)) : k.endsWith('On') ? fmt.date(String(v)) : v]));
    return t(key, params);
  };
  const openOne = async (n: Notification) => {
    setOpen(false);
    if (!n.readAt) await api.post(`/api/notifications/${n.id}/read`).catch(() => {});
    load();
    if (n.link) navigate(n.link);
  };
  const readAll = async () => { await api.post('/api/notifications/read-all').catch(() => {}); load(); };

  const content = (
    <div style={{ width: 340, maxWidth: '80vw' }} data-testid="notifications">
      {!inbox?.items.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.empty')} /> : (
        <ul className="inbox">
          {inbox.items.map((n) => (
            <li key={n.id}>
              <button type="button" className={n.readAt ? 'read' : undefined} onClick={() => openOne(n)} data-testid="notification">
                <Typography.Text strong={!n.readAt}>{text(n)}</Typography.Text>
                <span className="muted">{fmt.dateTime(n.createdAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <Popover open={open} onOpenChange={setOpen} trigger="click" placement="bottomRight" content={content}
      title={<div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <span>{t('notify.title')}</span>
        {!!inbox?.unread && <Button size="small" type="link" onClick={readAll}>{t('notify.readAll')}</Button>}
      </div>}>
      <Badge count={inbox?.unread ?? 0} size="small" offset={[-2, 2]}>
        <Button size="small" autoInsertSpace={false} data-testid="notification-bell" aria-label={t('notify.bellLabel', { n: inbox?.unread ?? 0 })}>{t('notify.title')}</Button>
      </Badge>
    </Popover>
  );
}
