# Reference values for the key drivers of a binary outcome (tests/test_logitweights.py):
# relative weights of a logistic regression, Tonidandel & LeBreton (2010), in base R.
#
#   cd tests/reference && Rscript drivers_binary.R   # writes drivers_binary.json (+ the CSV)
#
# No R package implementing the method is packaged for this system (apt has none; CRAN's
# `rwa` needs a newer R), so this script is the reference: it follows the published
# procedure step by step, by a different route from cjresearch's:
#   - unweighted (Telco churn data): the route of RWA-Web / rwa::rwa_logit: X scaled,
#     Z = P Q' from the SVD of X, Lambda = (Z'Z)^-1 Z'X, glm(Y ~ Z), lm(p-hat ~ Y) for R^2,
#     beta = b * sqrt(R^2) / sd(logit y-hat), epsilon = Lambda^2 beta^2;
#   - weighted (simulated survey data): the weighted correlation matrix (cov.wt), its
#     symmetric square root Lambda by eigen(), Z = X_std Lambda^-1, a weighted glm on Z, the
#     weighted R^2 of lm(p-hat ~ Y, weights) and the weighted sd of the logit.
# cjresearch fits the logistic regression on X once and carries the coefficients to Z
# (b_Z = Lambda b_X sd(X)), never forms Z, and computes R^2 as a weighted correlation.
# The tests read drivers_binary.json; they never need R.
suppressMessages(library(jsonlite))
tight <- glm.control(epsilon = 1e-14, maxit = 100)
out <- list(R = R.version.string)

## 1. Telco churn (IBM sample data, first 1500 customers): unweighted ---------------------
churn <- read.csv("../data/telco_churn.csv", na.strings = c("", " "))
drivers <- c("tenure", "MonthlyCharges", "TotalCharges", "SeniorCitizen")
churn <- churn[complete.cases(churn[, c(drivers, "Churn")]), ]
Y <- as.numeric(churn$Churn == "Yes")
X <- scale(as.matrix(churn[, drivers]))
X.svd <- svd(X)
Z <- X.svd$u %*% t(X.svd$v)
Z.stand <- scale(Z)
Lambda <- solve(t(Z.stand) %*% Z.stand) %*% t(Z.stand) %*% X
fit <- glm(Y ~ Z.stand, family = binomial, control = tight)
b <- coef(fit)[-1]
p.hat <- fitted(fit)
lYhat <- log(p.hat / (1 - p.hat))
Rsq <- summary(lm(p.hat ~ Y))$r.squared
beta <- b * sqrt(Rsq) / sd(lYhat)
epsilon <- as.numeric(Lambda^2 %*% beta^2)
# the drivers' own logit coefficients, fully standardised the same way (Menard 2004),
# with Wald SEs and p-values of glm(Y ~ scale(X))
fx <- summary(glm(Y ~ X, family = binomial, control = tight))$coefficients[-1, ]
factor <- sqrt(Rsq) / sd(lYhat)
out$churn <- list(
  n = nrow(churn), drivers = drivers, weights = epsilon, r2 = Rsq,
  std_coef = as.numeric(fx[, 1] * factor), std_coef_se = as.numeric(fx[, 2] * factor),
  p_value = as.numeric(fx[, 4]), sign = as.numeric(sign(fx[, 1]))
)

## 2. simulated survey data with unequal weights ------------------------------------------
set.seed(20100101)
n <- 600
S <- matrix(0.35, 4, 4); diag(S) <- 1
xs <- matrix(rnorm(n * 4), n) %*% chol(S)
sim <- data.frame(a = pmin(pmax(round(3 + xs[, 1]), 1), 5), b = xs[, 2] * 2 + 5, c = xs[, 3], d = round(xs[, 4]))
eta <- -0.4 + 0.9 * xs[, 1] - 0.6 * xs[, 2] + 0.25 * xs[, 3]
sim$y <- rbinom(n, 1, plogis(eta))
sim$w <- round(exp(rnorm(n, 0, 0.5)) * 10, 3)
write.csv(sim, "sim_drivers_binary.csv", row.names = FALSE)

wrw <- function(d, x.cols, w) {
  Xr <- as.matrix(d[, x.cols])
  cw <- cov.wt(Xr, wt = w / sum(w), method = "ML", cor = TRUE)
  e <- eigen(cw$cor, symmetric = TRUE)
  Lam <- e$vectors %*% diag(sqrt(e$values)) %*% t(e$vectors)
  Xs <- sweep(sweep(Xr, 2, cw$center), 2, sqrt(diag(cw$cov)), "/")
  Zw <- Xs %*% solve(Lam)
  f <- suppressWarnings(glm(d$y ~ Zw, weights = w, family = quasibinomial, control = tight))
  bz <- coef(f)[-1]
  ph <- fitted(f)
  ly <- log(ph / (1 - ph))
  sd.ly <- sqrt(sum(w * (ly - weighted.mean(ly, w))^2) / sum(w))
  r2 <- summary(lm(ph ~ d$y, weights = w))$r.squared
  be <- bz * sqrt(r2) / sd.ly
  fx <- suppressWarnings(summary(glm(d$y ~ Xs, weights = w / mean(w), family = binomial,
                                     control = tight))$coefficients[-1, ])
  k <- sqrt(r2) / sd.ly
  list(n = nrow(d), drivers = x.cols, weights = as.numeric(Lam^2 %*% be^2), r2 = r2,
       std_coef = as.numeric(fx[, 1] * k), std_coef_se = as.numeric(fx[, 2] * k),
       p_value = as.numeric(fx[, 4]), sign = as.numeric(sign(fx[, 1])))
}
out$sim_weighted <- wrw(sim, c("a", "b", "c", "d"), sim$w)
out$sim_unweighted <- wrw(sim, c("a", "b", "c", "d"), rep(1, n))

writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "drivers_binary.json")
cat("wrote drivers_binary.json\n")
