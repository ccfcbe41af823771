"""An organisation's risks (ISO/IEC 27001 6.1.2, 6.1.3, 6.2): each risk's threat, vulnerability and assets, its
likelihood and impact on the consultancy's risk method, its treatment with the controls chosen and the residual
risk, its owner's acceptance, the treatment plan's actions and the security objectives."""
