import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { I18nProvider } from './i18n/index.tsx';
import { PrefsProvider } from './prefs.tsx';
import { AuthProvider } from './auth.tsx';
import { App } from './App.tsx';
import './styles.css';

// React 19 with Ant Design 6, which supports React 19 natively (antd 5 needed a patch package).
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PrefsProvider>
      <I18nProvider>
        <BrowserRouter>
          <AuthProvider>
            <App />
          </AuthProvider>
        </BrowserRouter>
      </I18nProvider>
    </PrefsProvider>
  </StrictMode>,
);
