import { Button, Switch, Tooltip } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n/index.tsx';
import { usePrefs } from '../prefs.tsx';
import { RegionName } from '../regions.tsx';
import { NotificationBell } from './NotificationBell.tsx';

/** The header of every page: brand, language, elderly mode, and who is logged in. */
export function AppHeader({ side }: { side: 'public' | 'console' }) {
  const { t, locale, setLocale } = useI18n();
  const { elderly, setElderly } = usePrefs();
  const { me, logout } = useAuth();
  const navigate = useNavigate();

  return (
    <header className="app-header" role="banner">
      <Link to={side === 'console' && me ? '/console' : '/'} className="brand">
        <span className="brand-mark" aria-hidden="true">人</span>
        <span className="brand-text">{t('app.name')}</span>
      </Link>
      <span className="spacer" />
      <div className="tools">
        <Button
          size="small"
          autoInsertSpace={false}
          lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}
          aria-label={t('header.switchLanguageLabel')}
          data-testid="lang-switch"
          onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
        >
          {t('header.switchLanguage')}
        </Button>
        <Tooltip title={t('header.elderlyHint')}>
          <label className="elderly-toggle" htmlFor="elderly-switch">
            <Switch id="elderly-switch" size="small" checked={elderly} onChange={setElderly} data-testid="elderly-switch" />
            <span>{t('header.elderly')}</span>
          </label>
        </Tooltip>
        {me ? (
          <>
            {side === 'public' && <Link to="/console"><Button size="small">{t('header.console')}</Button></Link>}
            {side === 'console' && <Link to="/" className="hide-in-elderly">{t('header.publicSite')}</Link>}
            {side === 'console' && <NotificationBell />}
            <div className="who" data-testid="who">
              <strong>{me.user.displayName}</strong>
              <span>
                {t(`role.${me.user.role}`)} · {t('header.scopeLabel')}<span data-testid="scope"><RegionName code={me.user.regionCode} /></span>
              </span>
            </div>
            <Button size="small" data-testid="logout" onClick={async () => { await logout(); navigate('/login', { replace: true }); }}>
              {t('header.logout')}
            </Button>
          </>
        ) : (
          side === 'public' && <Link to="/login"><Button size="small" data-testid="login-link">{t('header.login')}</Button></Link>
        )}
      </div>
    </header>
  );
}
